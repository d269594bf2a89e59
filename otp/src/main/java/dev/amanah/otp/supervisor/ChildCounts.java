package dev.amanah.otp.supervisor;

/**
 * What {@code countChildren} reports: OTP's {@code %{specs:, active:, supervisors:, workers:}}.
 *
 * @param specs       all children, running or not
 * @param active      children running now
 * @param supervisors children of type supervisor, running or not
 * @param workers     children of type worker, running or not
 */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
