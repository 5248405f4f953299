package net.aisj.jca.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Subject;

/**
 * Who a connection acts for: the user and password of the container's {@link PasswordCredential} for this factory
 * (container-managed sign-on), or of the application's request (component-managed), or nobody.
 */
record SignOn(String user, char[] password) implements ConnectionRequestInfo {

    static final SignOn NOBODY = new SignOn("", new char[0]);

    SignOn {
        user = user == null ? "" : user;
        password = password == null ? new char[0] : password.clone();
    }

    /** The container's credential for {@code mcf} in {@code subject}, else {@code info}'s, else nobody. */
    static SignOn of(Subject subject, ConnectionRequestInfo info, ManagedConnectionFactory mcf) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (pc.getManagedConnectionFactory() == null || mcf.equals(pc.getManagedConnectionFactory())) {
                    return new SignOn(pc.getUserName(), pc.getPassword());
                }
            }
        }
        return info instanceof SignOn s ? s : NOBODY;
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignOn s && s.user.equals(user) && Arrays.equals(s.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, Arrays.hashCode(password));
    }

    @Override
    public String toString() {
        return "SignOn[" + user + "]";
    }
}
