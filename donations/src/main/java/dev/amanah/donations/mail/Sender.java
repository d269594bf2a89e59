package dev.amanah.donations.mail;

/**
 * Delivers one receipt mail and says how it went; {@link SmtpSender} in service, a scripted one
 * in tests (which must fail in ways a real server would not fail on cue).
 */
@FunctionalInterface
interface Sender {

    /**
     * Sends {@code mail}; never throws for a delivery failure (see {@link SmtpSender.Result}). A
     * failure's reason names no recipient: the mailer stores and logs it as it is.
     */
    SmtpSender.Result send(ReceiptMail mail);
}
