package org.mcalab.protocol.xml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses config-auth documents safely: no DTD, no entities (XXE and billion laughs are refused, not
 * expanded), bounded size and depth. Tolerant of what real clients send: any child order, repeated
 * {@code capabilities}, unknown elements (ignored).
 */
public final class ConfigAuthParser {
    /** The gateway refuses bodies above this (64 KiB). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final int MAX_ELEMENTS = 2_000;

    private static final XMLInputFactory FACTORY = createFactory();

    private ConfigAuthParser() {}

    private static XMLInputFactory createFactory() {
        // Woodstox (shipped with Jackson XML) when present, else the JDK's StAX; both honour these switches.
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    public static ConfigAuth parse(byte[] body) throws ConfigAuthException {
        if (body == null || body.length == 0) {
            throw new ConfigAuthException("empty body: expected a config-auth XML document");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ConfigAuthException("body of " + body.length + " bytes exceeds the " + MAX_BODY_BYTES + "-byte limit");
        }
        return read(body, r -> new Walker(r, body).walk());
    }

    /** What is done with the safe reader over one body. */
    private interface ReaderWork<T> {
        T on(XMLStreamReader r) throws XMLStreamException, ConfigAuthException;
    }

    private static <T> T read(byte[] body, ReaderWork<T> work) throws ConfigAuthException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            return work.on(r);
        } catch (XMLStreamException | RuntimeException e) {
            // RuntimeException: some StAX implementations report undeclared entities this way.
            throw new ConfigAuthException("malformed XML: " + firstLine(e.getMessage()), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /**
     * The document as a log may show it, written again from the parse with the text of every element whose name
     * contains "password" (any case) replaced by {@code ********}. The mask follows the parse, not a text pattern,
     * so no spelling of the tag ({@code <password >}, {@code <password x="1">}, a newline before the {@code >})
     * lets a password through. Comments are left out. Throws where {@link #parse} would refuse the reader's input.
     */
    public static String masked(byte[] body) throws ConfigAuthException {
        if (body == null || body.length > MAX_BODY_BYTES) {
            throw new ConfigAuthException("no body to show");
        }
        return read(body, ConfigAuthParser::masked);
    }

    private static String masked(XMLStreamReader r) throws XMLStreamException, ConfigAuthException {
        StringBuilder out = new StringBuilder();
        if (r.getVersion() != null) {
            out.append("<?xml version=\"").append(Xml.esc(r.getVersion())).append("\" encoding=\"")
                    .append(Xml.esc(r.getCharacterEncodingScheme() == null ? "UTF-8" : r.getCharacterEncodingScheme()))
                    .append("\"?>");
        }
        int secret = 0;
        boolean maskedHere = false;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.DTD -> throw new ConfigAuthException("DOCTYPE declarations are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ConfigAuthException("entity references are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    if (secret > 0 || name.toLowerCase(Locale.ROOT).contains("password")) {
                        secret++;
                        maskedHere = false;
                    }
                    out.append('<').append(name);
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        out.append(' ').append(r.getAttributeLocalName(i)).append("=\"")
                                .append(secret > 0 ? "********" : Xml.esc(r.getAttributeValue(i))).append('"');
                    }
                    out.append('>');
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    out.append("</").append(r.getLocalName()).append('>');
                    secret = Math.max(0, secret - 1);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (secret == 0) {
                        out.append(Xml.esc(r.getText()));
                    } else if (!maskedHere) {
                        out.append("********");
                        maskedHere = true;
                    }
                }
                default -> { } // comments and processing instructions are not shown
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String line = s.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** One pass over the events; collects the fields of {@link ConfigAuth}. */
    private static final class Walker {
        private final XMLStreamReader r;
        private final byte[] body;
        private final List<String> path = new ArrayList<>();
        private int elements;

        private String type;
        private String aggVersion;
        private String version;
        private String deviceId;
        private String groupSelect;
        private String groupAccess;
        private final List<String> authMethods = new ArrayList<>();
        private int capabilities;
        private boolean clientCertFail;
        private String opIsFor;
        private String opTunnelGroup;
        private String opHandle;
        private final List<String> opMethods = new ArrayList<>();
        private String opConfigHash;
        private boolean sawOpaque;
        private String sessionToken;
        private String sessionId;
        private final List<ConfigAuth.ClientCertChain> chains = new ArrayList<>();
        private final Map<String, String> authFields = new LinkedHashMap<>();
        private final List<String> hashes = new ArrayList<>();
        private boolean mcaRequest;
        private String random;
        private boolean certAuthenticated;
        private boolean clientCertRequest;
        private String authId;
        private final List<String> errors = new ArrayList<>();
        private String banner;
        private final List<String> formInputs = new ArrayList<>();
        // current client-cert-chain
        private String chainStore;
        private boolean chainViaProtocol;
        private String chainFormat;
        private String chainCert;
        private String chainHash;
        private String chainSig;

        Walker(XMLStreamReader r, byte[] body) {
            this.r = r;
            this.body = body;
        }

        ConfigAuth walk() throws XMLStreamException, ConfigAuthException {
            boolean sawRoot = false;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new ConfigAuthException("DOCTYPE declarations are not accepted");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new ConfigAuthException("entity references are not accepted (&" + r.getLocalName() + ";)");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS) {
                            throw new ConfigAuthException("more than " + MAX_ELEMENTS + " elements");
                        }
                        String name = r.getLocalName();
                        if (path.isEmpty()) {
                            if (sawRoot || !"config-auth".equals(name)) {
                                throw new ConfigAuthException("root element must be <config-auth>, found <" + name + ">");
                            }
                            sawRoot = true;
                        }
                        path.add(name);
                        if (path.size() > MAX_DEPTH) {
                            throw new ConfigAuthException("elements nested deeper than " + MAX_DEPTH);
                        }
                        start(name);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        end(path.get(path.size() - 1));
                        path.remove(path.size() - 1);
                    }
                    default -> { }
                }
            }
            if (!sawRoot) {
                throw new ConfigAuthException("no <config-auth> element");
            }
            if (type == null || type.isBlank()) {
                throw new ConfigAuthException("<config-auth> has no type attribute");
            }
            ConfigAuth.Opaque opaque = sawOpaque
                    ? new ConfigAuth.Opaque(opIsFor, opTunnelGroup, opHandle, List.copyOf(opMethods), opConfigHash)
                    : null;
            return new ConfigAuth(type, aggVersion, version, deviceId, groupSelect, groupAccess,
                    List.copyOf(authMethods), capabilities, clientCertFail, opaque, sawOpaque ? rawOpaque() : null,
                    sessionToken, sessionId, List.copyOf(chains), Collections.unmodifiableMap(authFields), List.copyOf(hashes),
                    mcaRequest, random, certAuthenticated, clientCertRequest, authId, List.copyOf(errors), banner, List.copyOf(formInputs));
        }

        private String parent() {
            return path.size() >= 2 ? path.get(path.size() - 2) : "";
        }

        private void start(String name) throws XMLStreamException {
            String parent = parent();
            switch (name) {
                case "config-auth" -> {
                    if (path.size() == 1) {
                        type = attr("type");
                        aggVersion = attr("aggregate-auth-version");
                    }
                }
                case "capabilities" -> capabilities++;
                case "auth-method" -> {
                    String text = text();
                    if ("capabilities".equals(parent)) {
                        authMethods.add(text);
                    } else if ("opaque".equals(parent)) {
                        opMethods.add(text);
                    }
                }
                case "version" -> {
                    if (path.size() == 2) {
                        version = text();
                    }
                }
                case "device-id" -> deviceId = text();
                case "group-select" -> groupSelect = text();
                case "group-access" -> groupAccess = text();
                case "client-cert-fail" -> clientCertFail = true;
                case "opaque" -> {
                    sawOpaque = true;
                    opIsFor = attr("is-for");
                }
                case "tunnel-group" -> {
                    if ("opaque".equals(parent)) {
                        opTunnelGroup = text();
                    }
                }
                case "aggauth-handle" -> opHandle = text();
                case "config-hash" -> opConfigHash = text();
                case "session-token" -> sessionToken = text();
                case "session-id" -> sessionId = text();
                case "client-cert-chain" -> {
                    chainStore = attr("cert-store");
                    chainViaProtocol = false;
                    chainFormat = null;
                    chainCert = null;
                    chainHash = null;
                    chainSig = null;
                }
                case "client-cert-sent-via-protocol" -> chainViaProtocol = true;
                case "client-cert" -> {
                    chainFormat = attr("cert-format");
                    chainCert = text();
                }
                case "client-cert-auth-signature" -> {
                    chainHash = attr("hash-algorithm-chosen");
                    chainSig = text();
                }
                case "multiple-client-cert-request" -> mcaRequest = true;
                case "hash-algorithm" -> hashes.add(text());
                case "random" -> random = text();
                case "cert-authenticated" -> certAuthenticated = true;
                case "client-cert-request" -> clientCertRequest = true;
                case "auth" -> authId = attr("id");
                case "error" -> errors.add(text());
                case "banner" -> banner = text();
                case "form" -> { } // container of <input>/<select>; its inputs are recorded below
                case "input" -> {
                    if (attr("name") != null) {
                        formInputs.add(attr("name"));
                    }
                }
                default -> {
                    // A plain form answer: <auth><username>..</username></auth>
                    if ("auth".equals(parent) && path.size() == 3) {
                        authFields.put(name, text());
                    }
                }
            }
        }

        private void end(String name) {
            if ("client-cert-chain".equals(name)) {
                chains.add(new ConfigAuth.ClientCertChain(chainStore, chainViaProtocol, chainFormat, chainCert, chainHash, chainSig));
            }
        }

        private String attr(String name) {
            return r.getAttributeValue(null, name);
        }

        /** Text of a leaf element; consumes its end tag, so the path is popped here. */
        private String text() throws XMLStreamException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                    sb.append(r.getText());
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity references are not accepted (&" + r.getLocalName() + ";)");
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                    return sb.toString().strip().isEmpty() ? "" : sb.toString().strip();
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    throw new XMLStreamException("unexpected element <" + r.getLocalName() + "> inside a text element");
                }
            }
        }

        /** The opaque element's exact text, so a client can echo it byte for byte. */
        private String rawOpaque() {
            String s = new String(body, StandardCharsets.UTF_8);
            int start = s.indexOf("<opaque");
            int end = s.indexOf("</opaque>", start);
            return start < 0 || end < 0 ? null : s.substring(start, end + "</opaque>".length());
        }
    }
}
