package dev.amanah.donations.distribution;

import java.util.Objects;

/**
 * A refusal of the distribution service, with a stable code, the field at fault (or null) and a
 * message without personal data. Nothing was written when it is thrown.
 */
public final class DistributionException extends RuntimeException {

    /** Why; each maps to one HTTP status (see {@link #httpStatus()}). */
    public enum Code {
        /** The member of staff's role does not allow this (a viewer, or a preparer approving): 403. */
        FORBIDDEN(403),
        /** The approver (or rejecter) prepared the plan: four eyes are required: 403. */
        APPROVER_IS_PREPARER(403),
        /** No such plan: 404. */
        PLAN_NOT_FOUND(404),
        /** No such campaign: 404. */
        CAMPAIGN_NOT_FOUND(404),
        /** The plan has no payout to that recipient (it has not run, or no such recipient): 404. */
        PAYOUT_NOT_FOUND(404),
        /** A plan with this id exists: 409. */
        PLAN_EXISTS(409),
        /**
         * The plan (or payout) is not in a status that allows this (approve twice, execute
         * unapproved or paid, reissue a payout that was not declined): 409. Executing a plan whose
         * only unpaid payouts are declined says {@code PAYOUTS_DECLINED}; reissuing a payout sent
         * again since the attempt the caller saw says {@code PAYOUT_CHANGED}.
         */
        ILLEGAL_STATE(409),
        /** A payment run of the plan is under way: 409. */
        PLAN_EXECUTING(409),
        /** The plan breaks a rule of the domain (eight categories, administrators' cap, ratios, ids): 422. */
        INVALID_PLAN(422),
        /**
         * A reject or cancel reason that cannot be stored as typed (blank, too long, a control
         * character, half a surrogate pair; see {@link dev.amanah.donations.store.FreeText}): 422.
         */
        INVALID_REASON(422),
        /** The campaign holds less than the plan's total: 422. */
        INSUFFICIENT_FUNDS(422);

        private final int httpStatus;

        Code(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final Code code;
    private final String detail;
    private final String field;

    /** A refusal; {@code detail} is a finer code (e.g. the domain's {@code NOT_ZAKAT_ELIGIBLE}) or null. */
    public DistributionException(Code code, String detail, String field, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail;
        this.field = field;
    }

    /** A refusal without a finer code. */
    public DistributionException(Code code, String field, String message) {
        this(code, null, field, message);
    }

    /** The stable code. */
    public Code code() {
        return code;
    }

    /** The code to show: the finer one when there is one (e.g. {@code NOT_ZAKAT_ELIGIBLE}), else {@link #code()}. */
    public String errorCode() {
        return detail != null ? detail : code.name();
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** The HTTP status of this refusal. */
    public int httpStatus() {
        return code.httpStatus;
    }
}
