package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailServerTest {

    private final GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void eachMailboxKeepsItsNewestEmailsAndTheOldestGo() throws Exception {
        server.start();
        for (int i = 1; i <= 30; i++) {
            GreenMailUtil.sendTextEmail("chair.euramet@kcdb.example", "kcdb@kcdb.example", "notice " + i, "body",
                    server.getSmtp().getServerSetup());
        }
        GreenMailUtil.sendTextEmail("writer.ptb@kcdb.example", "kcdb@kcdb.example", "only one", "body",
                server.getSmtp().getServerSetup());

        assertThat(MailServer.keepNewest(server, 10)).isEqualTo(20);

        MimeMessage[] chair = server.getReceivedMessagesForDomain("chair.euramet@kcdb.example");
        assertThat(Arrays.stream(chair).map(MailServerTest::subject))
                .containsExactly("notice 21", "notice 22", "notice 23", "notice 24", "notice 25", "notice 26",
                        "notice 27", "notice 28", "notice 29", "notice 30");
        assertThat(server.getReceivedMessagesForDomain("writer.ptb@kcdb.example")).hasSize(1);
        assertThat(MailServer.keepNewest(server, 10)).isZero();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
