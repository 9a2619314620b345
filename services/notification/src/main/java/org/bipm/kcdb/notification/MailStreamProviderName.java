package org.bipm.kcdb.notification;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names the stream provider for Jakarta Mail (2.1) as the service starts, unless the JVM names one already. Without a
 * name, every multipart and body part it creates, and every part it writes, looks the provider up with a
 * {@code ServiceLoader} that searches every jar on the class path (jakartaee/mail-api#699, #861): about 27 % of the
 * sender's CPU per e-mail (issue 15, bench/README.md). The same provider the lookup finds, found by its name. A system
 * property, so set once for the JVM at its start (before any e-mail is written), in the service and its tests alike.
 */
class MailStreamProviderName implements EnvironmentPostProcessor {

    /** Jakarta Mail's own name for the choice of its stream provider, and Angus Mail's provider. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final Log log;

    MailStreamProviderName(DeferredLogFactory logs) {
        this.log = logs.getLog(MailStreamProviderName.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(STREAM_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, MailStreamProviderName.class.getClassLoader());
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        } catch (ClassNotFoundException otherImplementation) {
            log.debug("No Angus Mail; Jakarta Mail looks its stream provider up itself");
        }
    }
}
