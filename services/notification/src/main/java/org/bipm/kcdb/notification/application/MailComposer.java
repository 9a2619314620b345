package org.bipm.kcdb.notification.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.Letter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Words and layout of the messages, in English or French: each kind's title and sentence come from the
 * {@code mail/messages} bundle (placeholders such as {@code {cmc}} filled from the notice's facts; {@code {step}}, a
 * review step in words, from its code in the fact {@code deadlineKind}), the layout
 * from the Thymeleaf templates {@code templates/mail/notice.txt} and {@code .html}. The inbox shows the same
 * title and sentence.
 */
public class MailComposer {

    /** One e-mail, ready to send: subject, plain text and HTML bodies. */
    public record Mail(String subject, String text, String html) {
    }

    /** One notice in words, with the absolute link into the portal. */
    public record Told(String title, String text, String url) {
    }

    private final String portalUrl;
    private final TemplateEngine textTemplates = engine(TemplateMode.TEXT, ".txt");
    private final TemplateEngine htmlTemplates = engine(TemplateMode.HTML, ".html");

    public MailComposer(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    public Mail compose(Delivery delivery) {
        ResourceBundle words = words(delivery.language());
        List<Told> told = new ArrayList<>();
        delivery.letters().forEach(letter -> told.add(told(letter, delivery.language())));
        String subject = delivery.digest()
                ? fill(words.getString("digest.subject"), Map.of("count", String.valueOf(told.size())))
                : "[KCDB] " + told.get(0).title();
        Context context = new Context(locale(delivery.language()));
        context.setVariable("name", delivery.name());
        context.setVariable("greeting", fill(words.getString("greeting"), Map.of("name",
                delivery.name() == null ? "" : delivery.name())));
        context.setVariable("intro", delivery.digest() ? words.getString("digest.intro") : null);
        context.setVariable("items", told);
        context.setVariable("open", words.getString("open"));
        context.setVariable("footer", fill(words.getString("footer"), Map.of("preferences",
                portalUrl + "/notifications")));
        context.setVariable("lang", delivery.language());
        return new Mail(subject, textTemplates.process("notice", context), htmlTemplates.process("notice", context));
    }

    public Told told(Letter letter, String language) {
        ResourceBundle words = words(language);
        String key = "kind." + letter.kind().name();
        Map<String, String> facts = new HashMap<>(letter.facts());
        if (facts.containsKey("deadlineKind")) {
            facts.put("step", step(words, facts.get("deadlineKind")));
        }
        return new Told(fill(words.getString(key + ".title"), facts), fill(words.getString(key + ".text"), facts),
                portalUrl + letter.link());
    }

    /**
     * A step of the review in the reader's words ({@code step.<code>} in the bundle), never its code name: a step
     * this version does not know reads as "a step of the review".
     */
    static String step(ResourceBundle words, String code) {
        String key = "step." + code;
        return words.containsKey(key) ? words.getString(key) : words.getString("step.other");
    }

    private static ResourceBundle words(String language) {
        try {
            return ResourceBundle.getBundle("mail/messages", locale(language),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle("mail/messages", Locale.ROOT);
        }
    }

    private static Locale locale(String language) {
        return "fr".equals(language) ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** Replaces each {@code {name}} by the fact of that name; a fact the notice lacks reads as nothing. */
    static String fill(String pattern, Map<String, String> facts) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf('{', i);
            int close = open < 0 ? -1 : pattern.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(pattern, i, pattern.length());
                break;
            }
            out.append(pattern, i, open).append(facts.getOrDefault(pattern.substring(open + 1, close), ""));
            i = close + 1;
        }
        return out.toString().trim();
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
