package org.bipm.kcdb.platform;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.concurrent.CountDownLatch;

/**
 * The local platform's mail server: GreenMail accepts everything the notification service sends over SMTP and
 * keeps it in a mailbox per address, readable over IMAP (user = the address, any password). Mail lives in memory
 * only: a restart of the platform starts with empty mailboxes. Production uses any SMTP relay.
 */
public final class MailServer {

    private MailServer() {
    }

    /** {@code MailServer <smtp port> <imap port>} */
    public static void main(String[] args) throws Exception {
        int smtp = Integer.parseInt(args[0]);
        int imap = Integer.parseInt(args[1]);
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                // Mailboxes are made on first delivery; a person reads theirs with any password.
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "mail-shutdown"));
        System.out.println("Mail server: SMTP on 127.0.0.1:" + smtp + ", IMAP on 127.0.0.1:" + imap);
        stopped.await();
    }
}
