package io.herald.recipient;

import io.herald.mail.AddressKey;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.Map;

/** One mailbox in a list, with the display name and free attributes its messages are personalised with. */
@Entity
public class Recipient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "list_id")
    private RecipientList list;

    private String email;

    @Column(name = "email_key")
    private String emailKey;

    private String name;

    @Convert(converter = AttributesConverter.class)
    private Map<String, String> attributes;

    @Enumerated(EnumType.STRING)
    private RecipientStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Recipient() {
    }

    public Recipient(RecipientList list, String email, String name, Map<String, String> attributes, Instant createdAt) {
        this.list = list;
        this.email = email;
        this.emailKey = keyOf(email);
        this.name = name;
        this.attributes = Map.copyOf(attributes);
        this.status = RecipientStatus.ACTIVE;
        this.createdAt = createdAt;
    }

    /** One recipient per mailbox and list: the address's key under the server's rule (mail/AddressKey). */
    public static String keyOf(String email) {
        return AddressKey.of(email);
    }

    public Long getId() {
        return id;
    }

    public RecipientList getList() {
        return list;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public RecipientStatus getStatus() {
        return status;
    }

    public String getEmailKey() {
        return emailKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** PUT /lists/{id}/recipients/{rid}: a new address (and key), name, attributes and status, all checked by the caller. */
    void revise(String email, String name, Map<String, String> attributes, RecipientStatus status) {
        this.email = email;
        this.emailKey = keyOf(email);
        this.name = name;
        this.attributes = Map.copyOf(attributes);
        this.status = status;
    }
}
