package io.repurpose.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * PubMed/MEDLINE XML with StAX, one citation at a time: the current {@code PubmedArticleSet} and the
 * older {@code MedlineCitationSet}. Takes PMID, title, abstract (sections joined), year, journal and MeSH
 * descriptors; {@code DeleteCitation} PMIDs are handed out as deletions. DTDs are neither read nor processed and external entities are off (no XXE); the
 * predefined and numeric character entities that PubMed uses still work.
 */
final class PubMedXmlReader implements DocumentReader {
    static final String SOURCE = "pubmed";
    private static final Pattern YEAR = Pattern.compile("(1[89]|20)\\d\\d");

    private final XMLInputFactory factory;

    PubMedXmlReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // not coalescing: the parser hands out long text in 16K pieces instead of buffering a whole text
        // node (a gigabyte abstract would fill the heap inside the parser); Citation appends the pieces
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // not every StAX implementation knows the JAXP property; DTD support is off anyway
        }
    }

    /** The factory's security settings, for tests. */
    XMLInputFactory factory() {
        return factory;
    }

    @Override
    public void read(InputStream in, String fileName, Sink sink) throws IOException, BadInputException {
        XMLStreamReader r;
        try {
            r = factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new BadInputException(position(e.getLocation()), e.getMessage(), e);
        }
        Location last = null;
        try {
            Citation c = null;
            boolean inDelete = false;
            StringBuilder deletedPmid = null;
            Deque<String> path = new ArrayDeque<>();
            while (r.hasNext()) {
                int event = r.next();
                last = r.getLocation();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    String parent = path.peek();
                    path.push(name);
                    if ("MedlineCitation".equals(name)) {
                        c = new Citation(r.getLocation().getLineNumber());
                    } else if ("DeleteCitation".equals(name)) {
                        inDelete = true;
                    } else if (inDelete && "PMID".equals(name)) {
                        deletedPmid = new StringBuilder();
                    } else if (c != null) {
                        c.start(name, parent);
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (c != null) {
                        c.text(r.getText());
                    } else if (deletedPmid != null && deletedPmid.length() < 100) {
                        deletedPmid.append(r.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    if ("MedlineCitation".equals(name) && c != null) {
                        emit(c, sink);
                        c = null;
                    } else if ("DeleteCitation".equals(name)) {
                        inDelete = false;
                    } else if (deletedPmid != null && "PMID".equals(name)) {
                        String pmid = deletedPmid.toString().trim();
                        if (!pmid.isEmpty()) {
                            sink.deleted("PMID:" + pmid, position(r.getLocation()));
                        }
                        deletedPmid = null;
                    } else if (c != null) {
                        c.end(name);
                    }
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            Location at = e.getLocation() != null ? e.getLocation() : last;
            throw new BadInputException(position(at), rootMessage(e), e);
        } catch (RuntimeException e) {
            // StAX wraps I/O failures (truncated gzip) in runtime exceptions in some implementations
            throw new BadInputException(position(last), rootMessage(e), e);
        }
    }

    private static void emit(Citation c, Sink sink) {
        String position = "line " + c.line;
        String pmid = c.pmid.toString().trim();
        if (pmid.isEmpty()) {
            sink.badRecord(position, "record", "citation without PMID", null);
            return;
        }
        String title = squash(c.title.toString());
        String abstractText = String.join(" ", c.abstractParts.stream().map(PubMedXmlReader::squash)
                .filter(s -> !s.isEmpty()).toList());
        String text = title.isEmpty() ? abstractText : abstractText.isEmpty() ? title : title + " " + abstractText;
        Integer year = null;
        Matcher m = YEAR.matcher(c.year);
        if (m.find()) {
            year = Integer.parseInt(m.group());
        }
        sink.document(new SourceDocument("PMID:" + pmid, SOURCE, title, text, year,
                c.journal.length() == 0 ? null : squash(c.journal.toString()), c.mesh, Map.of()), position);
    }

    static String squash(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static String position(Location l) {
        return l == null ? "start of file" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            b.append(" <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    /** The fields of one citation while it is being read. */
    private static final class Citation {
        final int line;
        final StringBuilder pmid = new StringBuilder();
        final StringBuilder title = new StringBuilder();
        final StringBuilder journal = new StringBuilder();
        final List<String> abstractParts = new ArrayList<>();
        final List<String> mesh = new ArrayList<>();
        String year = "";
        StringBuilder target;
        StringBuilder abstractPart;
        StringBuilder meshName;
        StringBuilder yearText;
        int depthInTarget;
        boolean inPubDate;
        boolean pmidDone;

        Citation(int line) {
            this.line = line;
        }

        void start(String name, String parent) {
            if (target != null) {
                depthInTarget++; // inline markup (<i>, <sub>) inside title or abstract: keep its text
                return;
            }
            switch (name) {
                case "PMID" -> {
                    if ("MedlineCitation".equals(parent) && !pmidDone) {
                        target = pmid;
                    }
                }
                case "ArticleTitle" -> target = title;
                case "AbstractText" -> {
                    if (!"OtherAbstract".equals(parent)) {
                        abstractPart = new StringBuilder();
                        target = abstractPart;
                    }
                }
                case "Title" -> {
                    if ("Journal".equals(parent)) {
                        target = journal;
                    }
                }
                case "PubDate" -> inPubDate = true;
                case "Year", "MedlineDate" -> {
                    if (inPubDate && year.isEmpty()) {
                        yearText = new StringBuilder();
                        target = yearText;
                    }
                }
                case "DescriptorName" -> {
                    meshName = new StringBuilder();
                    target = meshName;
                }
                default -> {
                }
            }
        }

        void text(String s) {
            if (target != null) {
                if (target.length() + s.length() > BoundedLineReader.MAX_CHARS) {
                    throw new IllegalStateException("element longer than " + BoundedLineReader.MAX_CHARS
                            + " characters");
                }
                target.append(s);
            }
        }

        void end(String name) {
            if (target != null && depthInTarget > 0) {
                depthInTarget--;
                return;
            }
            switch (name) {
                case "PubDate" -> inPubDate = false;
                case "PMID" -> {
                    if (target == pmid) {
                        pmidDone = true;
                    }
                }
                case "AbstractText" -> {
                    if (abstractPart != null) {
                        abstractParts.add(abstractPart.toString());
                        abstractPart = null;
                    }
                }
                case "Year", "MedlineDate" -> {
                    if (yearText != null) {
                        year = yearText.toString();
                        yearText = null;
                    }
                }
                case "DescriptorName" -> {
                    if (meshName != null) {
                        mesh.add(squash(meshName.toString()));
                        meshName = null;
                    }
                }
                default -> {
                }
            }
            target = null;
        }
    }
}
