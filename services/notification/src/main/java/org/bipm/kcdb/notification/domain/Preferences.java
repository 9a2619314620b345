package org.bipm.kcdb.notification.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * A person's choices: the language of their messages ({@code en} or {@code fr}) and, per kind, how e-mail reaches
 * them. Kinds not chosen are sent at once. The in-app inbox receives every notice whatever the choice.
 */
public record Preferences(String username, String language, Map<NotificationKind, DeliveryChoice> choices) {

    public static final String ENGLISH = "en";
    public static final String FRENCH = "fr";

    public Preferences {
        language = FRENCH.equals(language) ? FRENCH : ENGLISH;
        EnumMap<NotificationKind, DeliveryChoice> copy = new EnumMap<>(NotificationKind.class);
        if (choices != null) {
            choices.forEach((kind, choice) -> {
                if (choice == DeliveryChoice.OFF && !kind.canBeTurnedOff()) {
                    throw new EscalationCannotBeTurnedOff(kind);
                }
                copy.put(kind, choice);
            });
        }
        choices = Map.copyOf(copy);
    }

    public static Preferences defaults(String username) {
        return new Preferences(username, ENGLISH, Map.of());
    }

    public DeliveryChoice choiceFor(NotificationKind kind) {
        return choices.getOrDefault(kind, DeliveryChoice.IMMEDIATE);
    }
}
