package dev.sluice.schema.types;

/**
 * A captured value that the configured handling modes cannot write without changing it. Fatal
 * (an {@link IllegalStateException}): the message names the value's column and the setting that
 * captures it.
 */
public final class UnrepresentableValueException extends IllegalStateException {

    public UnrepresentableValueException(String message) {
        super(message);
    }
}
