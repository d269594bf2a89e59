package dev.amanah.otp.supervisor;

import dev.amanah.otp.Pid;
import java.util.Optional;

/**
 * One child as {@code whichChildren} reports it: OTP's {@code {id, child | :restarting |
 * :undefined, type, modules}}.
 *
 * @param id         the child's id
 * @param pid        its pid while running; empty if it is not running
 * @param restarting whether it waits for a retry after a failed restart
 * @param type       worker or supervisor
 */
public record ChildInfo(Object id, Optional<Pid> pid, boolean restarting, ChildSpec.Type type) {
}
