package dev.amanah.otp.supervisor;

/**
 * Why a supervisor failed to start: a child's start failed. The supervisor stops the children it
 * had started and exits with {@code {shutdown, FailedToStartChild(id, reason)}}, as OTP's
 * {@code {:shutdown, {:failed_to_start_child, id, reason}}}.
 *
 * @param id     the child that failed
 * @param reason its start's error
 */
public record FailedToStartChild(Object id, Object reason) {
    @Override
    public String toString() {
        return "{failed_to_start_child, " + id + ", " + reason + "}";
    }
}
