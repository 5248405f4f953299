package net.aisj.web.s3.xml;

/**
 * The S3 error body, {@code <Error><Code/><Message/><Resource/><RequestId/></Error>} (no namespace, as AWS sends
 * it). Written by hand so that error responses never depend on the XML binding.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses
 */
public final class ErrorDocument {

    private ErrorDocument() {}

    public static String xml(String code, String message, String resource, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + escape(code) + "</Code><Message>"
                + escape(message) + "</Message><Resource>" + escape(resource) + "</Resource><RequestId>"
                + escape(requestId) + "</RequestId></Error>";
    }

    /** XML text escaping; characters XML 1.0 cannot carry (controls but tab/CR/LF) become U+FFFD. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default ->
                    b.append(
                            c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                                    ? '\uFFFD'
                                    : c);
            }
        }
        return b.toString();
    }
}
