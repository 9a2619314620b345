package org.bipm.kcdb.publication.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each indexed document's record and its quick-filter values as ordinals of {@link Facets}: counting the filters of
 * 100 000 matches then costs one doc-values read per match, and a page of matches is read from here, never from
 * Lucene's stored fields. Grown and written by the one writer; a searcher acquired after a refresh sees every slot
 * its documents name.
 */
final class SlotTable {

    /** One indexed record and its quick-filter ordinals (-1 where it has none). */
    record Slot(CmcIndex.Indexed record, int[] facets) {
    }

    private volatile Slot[] slots = new Slot[1024];
    private final Map<String, Integer> slotOf = new ConcurrentHashMap<>();
    /** Slots of replaced documents, dropped one refresh later: a search that started before it may still see them. */
    private List<Integer> replaced = new ArrayList<>();
    private List<Integer> replacedNow = new ArrayList<>();
    private int nextSlot;

    /** The record indexed under this id, null if none. */
    CmcIndex.Indexed current(String cmcId) {
        Integer slot = slotOf.get(cmcId);
        return slot == null ? null : slots[slot].record();
    }

    /** Takes the next slot for the record, to be named by its document. */
    int allocate(CmcIndex.Indexed record, int[] facets) {
        int slot = nextSlot++;
        if (slot == slots.length) {
            slots = Arrays.copyOf(slots, slot * 2);
        }
        slots[slot] = new Slot(record, facets);
        return slot;
    }

    /** The record's document is written: its slot is current, the one it replaces is dropped after a refresh. */
    synchronized void bind(String cmcId, int slot) {
        Integer previous = slotOf.put(cmcId, slot);
        if (previous != null) {
            replacedNow.add(previous);
        }
    }

    /**
     * The searchers now see this batch: the slots the batch before it replaced are no longer named by any. Called by
     * the thread that reopens the searchers, while the writer may be binding (hence synchronized with {@link #bind}).
     */
    synchronized void refreshed() {
        Slot[] table = slots;
        replaced.forEach(old -> table[old] = null);
        replaced = replacedNow;
        replacedNow = new ArrayList<>();
    }

    /** The table as it is now; a searcher acquired before this call names only slots in it. */
    Slot[] snapshot() {
        return slots;
    }

    /** Every record indexed now. */
    List<CmcIndex.Indexed> records() {
        Slot[] table = slots;
        List<CmcIndex.Indexed> records = new ArrayList<>(slotOf.size());
        slotOf.values().forEach(slot -> records.add(table[slot].record()));
        return records;
    }

    int size() {
        return slotOf.size();
    }
}
