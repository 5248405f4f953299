/** Native-API wire types: the AIS control message, list-objects request and its JSON/msgpack responses. */
package net.aisj.web.nat.json;
