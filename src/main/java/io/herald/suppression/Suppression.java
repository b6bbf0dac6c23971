package io.herald.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An address Herald must never mail: in one list (listId) or in every list (listId 0). */
@Entity
@Table(name = "suppression")
public class Suppression {

    /** listId of an entry that applies to every list. */
    public static final long EVERY_LIST = 0;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "email_key")
    private String emailKey;

    private String email;

    @Column(name = "list_id")
    private long listId;

    @Enumerated(EnumType.STRING)
    private SuppressionReason reason;

    private String note;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Suppression() {
    }

    public Suppression(String emailKey, String email, long listId, SuppressionReason reason, String note, Instant createdAt) {
        this.emailKey = emailKey;
        this.email = email;
        this.listId = listId;
        this.reason = reason;
        this.note = note;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public long getListId() {
        return listId;
    }

    public SuppressionReason getReason() {
        return reason;
    }

    public String getNote() {
        return note;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
