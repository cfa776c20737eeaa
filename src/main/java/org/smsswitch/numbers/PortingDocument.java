package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One document of a porting request, kept as it was given. */
@Entity
@Table(name = "porting_documents")
public class PortingDocument {
    /** What the document is. */
    public enum Kind { AUTHORIZATION, CUSTOMER_SERVICE_RECORD, BILL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false, updatable = false)
    private long requestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32, updatable = false)
    private Kind kind;

    @Column(name = "file_name", nullable = false, length = 200, updatable = false)
    private String fileName;

    @Column(name = "content_type", nullable = false, length = 100, updatable = false)
    private String contentType;

    /** LONGBLOB on MariaDB, BLOB on H2. */
    @JdbcTypeCode(SqlTypes.LONG32VARBINARY)
    @Column(nullable = false, updatable = false)
    private byte[] content;

    protected PortingDocument() {
    }

    PortingDocument(long requestId, Kind kind, PortingService.Document d) {
        this.requestId = requestId;
        this.kind = kind;
        this.fileName = d.fileName();
        this.contentType = d.contentType();
        this.content = d.content();
    }

    public Kind kind() {
        return kind;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] content() {
        return content;
    }
}
