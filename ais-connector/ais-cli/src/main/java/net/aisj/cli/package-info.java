/**
 * The {@code ais} command line: AIS's CLI verbs where they fit ({@code ais ls}, {@code ais bucket create},
 * {@code ais object put/get/rm/show}, {@code ais job start/wait/show}, {@code ais show cluster},
 * {@code ais completion bash}) on the Java client ({@code net.aisj.client}), parsed with picocli. Endpoint from
 * {@code --endpoint} or {@code AIS_ENDPOINT}; {@code --json} prints machine-readable output; transfers and job
 * waits show progress on a terminal (or with {@code --progress}). Exit status: 0 done, 1 the store refused or could
 * not be reached (the message on stderr), 2 bad usage.
 */
package net.aisj.cli;
