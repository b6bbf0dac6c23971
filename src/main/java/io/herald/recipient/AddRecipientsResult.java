package io.herald.recipient;

import java.util.List;

/** Answer of POST /lists/{id}/recipients: how many were added and why each other entry was refused. */
public record AddRecipientsResult(int added, List<Rejection> rejected) {

    /** The position of a refused entry in the request array and the reason. */
    public record Rejection(int index, String reason) {
    }
}
