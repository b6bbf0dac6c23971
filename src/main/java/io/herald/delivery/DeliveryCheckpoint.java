package io.herald.delivery;

import java.io.Serializable;

/** The send step's checkpoint: the id of the last delivery read; a restart reads on from the next one. */
public record DeliveryCheckpoint(long lastId) implements Serializable {
}
