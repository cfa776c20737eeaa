package org.smsswitch.persistence;

import java.util.Objects;

/**
 * Where the database is.
 *
 * @param url a {@code jdbc:h2:} URL, or a {@code jdbc:mysql:} URL for MySQL and MariaDB (mysql-connector-j)
 * @param poolSize maximum pooled connections
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("db.url must be a jdbc:h2: or jdbc:mysql: URL, not " + redactedUrl(url));
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("db.pool-size must be at least 1, not " + poolSize);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without any query string, which may carry credentials. */
    public static String redactedUrl(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q) + "?…";
        // jdbc:mysql://user:secret@host/db
        return base.replaceAll("//[^/@]*@", "//…@").replaceAll(";(?i)(password|user)=[^;]*", ";$1=…");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redactedUrl(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
