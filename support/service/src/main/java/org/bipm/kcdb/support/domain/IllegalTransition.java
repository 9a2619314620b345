package org.bipm.kcdb.support.domain;

/** An action the aggregate's current state does not allow; names the state so the caller can tell why (409). */
public class IllegalTransition extends Refusal {

    private final Enum<?> current;

    public IllegalTransition(String message, Enum<?> current) {
        super(message);
        this.current = current;
    }

    public Enum<?> current() {
        return current;
    }
}
