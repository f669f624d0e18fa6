package io.logagent.console.alerts;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Properties;

/** Sends the {@link Notice} as a plain-text email over SMTP ({@code [alerts] smtp_*}) with Angus Mail. */
final class EmailNotifier {

    private static final String TIMEOUT_MS = "10000";

    private final AlertSettings.Smtp smtp;
    private final Session session;

    EmailNotifier(AlertSettings.Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        boolean auth = !smtp.username().isEmpty();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        session = Session.getInstance(p, !auth ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        });
    }

    void send(String to, Notice notice) throws MessagingException {
        if (smtp.host().isEmpty()) {
            throw new MessagingException("email is off: set " + AlertSettings.SMTP_HOST.qualifiedName()
                    + " in the console's ini");
        }
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(notice.subject(), "UTF-8");
        m.setText(notice.text(), "UTF-8");
        m.setSentDate(Date.from(notice.at()));
        Transport.send(m);
    }
}
