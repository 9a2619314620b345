/**
 * What every service's domain shares, framework-free (the domains import it; ArchUnit keeps Spring, Mongo and the web
 * out): {@link org.bipm.kcdb.support.domain.Outcome}, what a command produced, and the kinds of refusal
 * ({@link org.bipm.kcdb.support.domain.Refusal}) that {@code support.web.Refusals} answers with one problem mapping.
 */
package org.bipm.kcdb.support.domain;
