package org.bipm.kcdb.platform;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local platform's mail server: GreenMail accepts everything the notification service sends over SMTP and
 * keeps it in a mailbox per address, readable over IMAP (user = the address, any password). Mail lives in memory
 * only: a restart of the platform starts with empty mailboxes, and each mailbox keeps its newest
 * {@value #KEPT_PER_MAILBOX} e-mails. Production uses any SMTP relay.
 */
public final class MailServer {

    /**
     * GreenMail keeps every e-mail in memory: 2 000 CMCs through both review tiers filled the mail server's 64 MB and
     * it stopped accepting mail (the notification service then retried every e-mail). A person reading a local
     * mailbox wants the latest; the oldest beyond these go. A 6 kB notice takes about 11 kB of heap here, so 30 full
     * mailboxes fit the 64 MB with room (3 000 such e-mails: 54 MB in use after a full collection).
     */
    static final int KEPT_PER_MAILBOX = 100;

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
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> keepNewest(server, KEPT_PER_MAILBOX), 10, 10, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sweeper.shutdownNow();
            server.stop();
            stopped.countDown();
        }, "mail-shutdown"));
        System.out.println("Mail server: SMTP on 127.0.0.1:" + smtp + ", IMAP on 127.0.0.1:" + imap);
        stopped.await();
    }

    /** Drops each inbox's oldest e-mails beyond {@code kept}; returns how many went. */
    static int keepNewest(GreenMail server, int kept) {
        int dropped = 0;
        for (GreenMailUser user : server.getUserManager().listUser()) {
            try {
                MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
                long[] uids = inbox.getMessageUids();
                if (uids.length <= kept) {
                    continue;
                }
                Arrays.sort(uids); // UIDs grow with each delivery: the smallest are the oldest
                Flags deleted = new Flags(Flags.Flag.DELETED);
                for (int i = 0; i < uids.length - kept; i++) {
                    inbox.setFlags(deleted, true, uids[i], null, false);
                }
                inbox.expunge();
                dropped += uids.length - kept;
            } catch (FolderException | RuntimeException e) {
                // A mailbox that cannot be swept now is swept on the next round; the server goes on.
                System.err.println("Mail server: could not sweep " + user.getEmail() + ": " + e);
            }
        }
        return dropped;
    }
}
