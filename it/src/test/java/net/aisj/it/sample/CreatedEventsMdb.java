package net.aisj.it.sample;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import net.aisj.client.ObjectEvent;
import net.aisj.jca.ObjectEventListener;

/**
 * Counts the objects created under {@code in/} of {@value #BUCKET}: a message-driven bean on the connector's inbound
 * side (bound to the {@code ais-jca} adapter by {@code WEB-INF/glassfish-ejb-jar.xml}).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "bucket", propertyValue = CreatedEventsMdb.BUCKET),
            @ActivationConfigProperty(propertyName = "prefix", propertyValue = "in/"),
            @ActivationConfigProperty(propertyName = "kinds", propertyValue = "created"),
            @ActivationConfigProperty(propertyName = "pollMillis", propertyValue = "200")
        })
public class CreatedEventsMdb implements ObjectEventListener {

    public static final String BUCKET = "jca-sample";

    @EJB
    EventCounts counts;

    @Override
    public void onObjectEvent(ObjectEvent event) {
        counts.count(event.kind(), event.bucket().name(), event.name());
    }
}
