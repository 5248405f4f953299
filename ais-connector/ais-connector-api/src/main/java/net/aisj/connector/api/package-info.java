/** What callers of the storage resource adapter compile against: connections, value types and errors. */
package net.aisj.connector.api;
