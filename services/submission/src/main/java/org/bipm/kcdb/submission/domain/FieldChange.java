package org.bipm.kcdb.submission.domain;

/** One field's value before and after an edit, both as text. */
public record FieldChange(String field, String oldValue, String newValue) {
}
