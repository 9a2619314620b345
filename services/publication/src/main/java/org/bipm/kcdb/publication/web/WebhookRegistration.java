package org.bipm.kcdb.publication.web;

import java.util.List;

/** What an RMO system registers: where to deliver, the shared secret, and which events it wants. */
public record WebhookRegistration(String url, String secret, List<String> types, List<String> areas,
                                  List<String> rmos, List<String> countries) {
}
