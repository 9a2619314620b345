package org.bipm.kcdb.support.domain;

/**
 * A command the rules refuse. Each kind is answered the same way in every service ({@code support.web.Refusals}):
 * the domain and the application say what is wrong, never how HTTP says it.
 */
public abstract class Refusal extends RuntimeException {

    protected Refusal(String message) {
        // Refusals are answers, not faults: no stack trace to fill, none to log.
        super(message, null, false, false);
    }
}
