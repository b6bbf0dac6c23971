package io.herald.recipient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A named set of recipients a campaign is sent to, and what unsubscribing from it does: suppress the address in
 * this list only (LIST) or in every list (ALL).
 */
@Entity
@Table(name = "recipient_list")
public class RecipientList {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "unsubscribe_scope")
    private String unsubscribeScope = "LIST";

    protected RecipientList() {
    }

    public RecipientList(String name, Instant createdAt) {
        this(name, "LIST", createdAt);
    }

    public RecipientList(String name, String unsubscribeScope, Instant createdAt) {
        if (!"LIST".equals(unsubscribeScope) && !"ALL".equals(unsubscribeScope)) {
            throw new IllegalArgumentException("unsubscribeScope must be LIST or ALL, not " + unsubscribeScope);
        }
        this.name = name;
        this.unsubscribeScope = unsubscribeScope;
        this.createdAt = createdAt;
    }

    /** LIST: an unsubscribe suppresses the address in this list; ALL: in every list. */
    public String getUnsubscribeScope() {
        return unsubscribeScope;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
