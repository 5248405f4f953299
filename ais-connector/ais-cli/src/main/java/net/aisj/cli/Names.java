package net.aisj.cli;

import net.aisj.connector.api.BucketId;
import picocli.CommandLine.ParameterException;

/** Bucket and object names as AIS's CLI writes them: {@code ais://bucket[/object]} ({@code ais://} may be left out). */
record Names(BucketId bucket, String object) {

    static Names parse(String text, picocli.CommandLine cmd) {
        String rest = text;
        String provider = BucketId.AIS;
        int sep = text.indexOf("://");
        if (sep >= 0) {
            provider = switch (text.substring(0, sep)) {
                case "ais" -> BucketId.AIS;
                case "s3", "aws" -> "aws";
                case "gs", "gcp" -> "gcp";
                case "az", "azure" -> "azure";
                case "ht" -> "ht";
                default -> throw new ParameterException(cmd, "unknown provider in \"" + text + "\"");
            };
            rest = text.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String object = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new ParameterException(cmd, "missing bucket name in \"" + text + "\"");
        }
        try {
            return new Names(new BucketId(provider, "", bucket), object);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage());
        }
    }

    Names requireObject(picocli.CommandLine cmd) {
        if (object.isEmpty()) {
            throw new ParameterException(cmd, "expected " + bucket.cname() + "/<object>");
        }
        return this;
    }
}
