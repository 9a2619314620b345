package org.bipm.kcdb.portal.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A CMC's field as its history writes it, made readable. The submission service records each changed field's value as
 * text, and a structured field as Java writes a record: {@code Range[lowerLimit=1.0, upperLimit=10.0, unit=V]},
 * {@code [Parameter[parameterName=Frequency, parameterValue=50 Hz]]}, {@code 1.0E-6}. Shown as a reader expects it:
 * {@code 1 – 10 V}, {@code Frequency: 50 Hz}, {@code 1 × 10⁻⁶}; the fields of any other record by name, absent ones
 * left out. A text that does not read as such (a value that merely looks like one) is shown as written.
 */
final class RecordText {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?");
    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*=");
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private RecordText() {
    }

    /** The value as a reader reads it; null stays null. */
    static String readable(Object value) {
        if (value == null) {
            return null;
        }
        String written = value.toString();
        if (NUMBER.matcher(written).matches()) {
            return number(written);
        }
        if (!written.endsWith("]") || !(written.startsWith("[") || Character.isUpperCase(written.charAt(0)))) {
            return written;
        }
        try {
            Reader reader = new Reader(written);
            Object parsed = reader.value(true);
            return reader.done() ? text(parsed) : written;
        } catch (IllegalArgumentException e) {
            return written;
        }
    }

    /** A history's changes with their old and new values made readable. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readableChanges(List<Map<String, Object>> history) {
        return history.stream().map(entry -> {
            if (!(entry.get("changes") instanceof List<?> changes)) {
                return entry;
            }
            Map<String, Object> copy = new LinkedHashMap<>(entry);
            copy.put("changes", changes.stream().map(c -> {
                if (!(c instanceof Map<?, ?> change)) {
                    return c;
                }
                Map<String, Object> shown = new LinkedHashMap<>((Map<String, Object>) change);
                shown.put("oldValue", readable(change.get("oldValue")));
                shown.put("newValue", readable(change.get("newValue")));
                return shown;
            }).toList());
            return copy;
        }).toList();
    }

    private record Rec(String name, Map<String, Object> fields) {
    }

    private static String text(Object parsed) {
        if (parsed instanceof List<?> list) {
            return list.stream().map(RecordText::text).filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
        }
        if (parsed instanceof Rec rec) {
            Map<String, Object> f = rec.fields();
            if (rec.name().equals("Range") && f.containsKey("unit")) {
                String lower = text(f.get("lowerLimit"));
                String upper = text(f.get("upperLimit"));
                String limits = lower.isEmpty() || upper.isEmpty() || lower.equals(upper)
                        ? lower.isEmpty() ? upper : lower : lower + " – " + upper;
                return (limits + " " + text(f.get("unit"))).strip();
            }
            if (rec.name().equals("Parameter")) {
                return text(f.get("parameterName")) + ": " + text(f.get("parameterValue"));
            }
            return f.entrySet().stream().filter(e -> !text(e.getValue()).isEmpty())
                    .map(e -> e.getKey() + ": " + text(e.getValue())).collect(Collectors.joining(", "));
        }
        String scalar = String.valueOf(parsed);
        if (scalar.equals("null")) {
            return "";
        }
        return NUMBER.matcher(scalar).matches() ? number(scalar) : scalar;
    }

    /** A double as Java writes it ({@code 10.0}, {@code 1.0E-6}) as people write it ({@code 10}, {@code 1 × 10⁻⁶}). */
    static String number(String written) {
        BigDecimal value = new BigDecimal(written).stripTrailingZeros();
        int exponent = value.precision() - value.scale() - 1;
        if (value.signum() == 0 || exponent >= -4 && exponent < 7) {
            return value.toPlainString();
        }
        String mantissa = value.movePointLeft(exponent).toPlainString();
        StringBuilder power = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char digit : String.valueOf(Math.abs(exponent)).toCharArray()) {
            power.append(SUPERSCRIPTS.charAt(digit - '0'));
        }
        return mantissa + " × 10" + power;
    }

    /**
     * Reads what a record's {@code toString} wrote. A plain value inside a record runs to the next {@code ", key="} or
     * to the bracket that closes the record; inside a list, to the next {@code ", "} or the closing bracket.
     */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        boolean done() {
            return i == s.length();
        }

        Object value(boolean top) {
            if (s.startsWith("[", i)) {
                return list();
            }
            int name = i;
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i > name && i < s.length() && s.charAt(i) == '[' && Character.isUpperCase(s.charAt(name))) {
                return record(s.substring(name, i));
            }
            if (top) {
                throw new IllegalArgumentException("not a record");
            }
            i = name;
            return null;
        }

        private List<Object> list() {
            i++; // [
            List<Object> items = new ArrayList<>();
            while (!s.startsWith("]", i)) {
                Object item = value(false);
                if (item == null) {
                    item = scalar(false);
                }
                items.add(item);
                if (s.startsWith(", ", i)) {
                    i += 2;
                } else if (!s.startsWith("]", i)) {
                    throw new IllegalArgumentException("list at " + i);
                }
            }
            i++;
            return items;
        }

        private Rec record(String name) {
            i++; // [
            Map<String, Object> fields = new LinkedHashMap<>();
            while (!s.startsWith("]", i)) {
                var key = KEY.matcher(s).region(i, s.length());
                if (!key.lookingAt()) {
                    throw new IllegalArgumentException("key at " + i);
                }
                i = key.end();
                Object value = value(false);
                fields.put(key.group().substring(0, key.group().length() - 1), value != null ? value : scalar(true));
                if (s.startsWith(", ", i)) {
                    i += 2;
                } else if (!s.startsWith("]", i)) {
                    throw new IllegalArgumentException("record at " + i);
                }
            }
            i++;
            return new Rec(name, fields);
        }

        private String scalar(boolean inRecord) {
            int start = i;
            while (i < s.length()) {
                if (s.startsWith(", ", i) && (!inRecord || KEY.matcher(s).region(i + 2, s.length()).lookingAt())) {
                    break;
                }
                if (s.charAt(i) == ']' && closes(i + 1)) {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        /** Whether a bracket followed by this position ends its container: the end, another bracket, or ", ". */
        private boolean closes(int after) {
            return after == s.length() || s.charAt(after) == ']' || s.startsWith(", ", after);
        }
    }
}
