package dev.sluice.ops.check;

/**
 * One preflight check's outcome.
 *
 * @param found what the check saw, in words
 * @param fix for WARN and FAIL, the exact thing to do ({@code my.cnf} lines, SQL); null for OK
 */
public record CheckResult(String name, Status status, String found, String fix) {

    public enum Status { OK, WARN, FAIL }

    public static CheckResult ok(String name, String found) {
        return new CheckResult(name, Status.OK, found, null);
    }

    public static CheckResult warn(String name, String found, String fix) {
        return new CheckResult(name, Status.WARN, found, fix);
    }

    public static CheckResult fail(String name, String found, String fix) {
        return new CheckResult(name, Status.FAIL, found, fix);
    }
}
