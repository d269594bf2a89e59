package dev.amanah.donations.fraud;

/** A fraud verdict's decision, from the mildest; {@link #worst} combines two. */
public enum Decision {
    /** Process the donation. */
    ALLOW,
    /** Hold the donation for a person to review. */
    REVIEW,
    /** Refuse the donation. */
    DENY;

    /** The stricter of this and {@code other}. */
    public Decision worst(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
