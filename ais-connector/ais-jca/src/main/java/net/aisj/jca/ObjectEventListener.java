package net.aisj.jca;

import net.aisj.client.ObjectEvent;

/**
 * The message listener type of the connector's inbound side: a message-driven bean implements it and is activated
 * with {@link net.aisj.jca.inbound.ObjectEventActivationSpec}'s properties ({@code bucket}, {@code prefix},
 * {@code kinds}, ...). Delivery is at least once: an event whose delivery threw is delivered again; one that
 * returned is not, even after a restart of the application server or of the node.
 */
public interface ObjectEventListener {

    /** One object created or deleted; throw to have it delivered again later. */
    void onObjectEvent(ObjectEvent event);
}
