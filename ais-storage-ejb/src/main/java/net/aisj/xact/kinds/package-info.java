/** One class per job kind (see the kind table in {@code net.aisj.xact.XactKind}). */
package net.aisj.xact.kinds;
