/**
 * The HDFS provider ({@code hdfs://}) over WebHDFS, Hadoop's REST API on the NameNode's HTTP port, with the JDK HTTP
 * client: no Hadoop jars in the application. A bucket is a directory under a configured root, its objects the files
 * under it (any depth).
 */
package net.aisj.backend.hdfs;
