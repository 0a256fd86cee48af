package dev.genlab.lesson;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.genlab.i18n.I18n;

/**
 * All lessons, read from a lessons folder: one sub-folder per lesson, named {@code NN-id} and
 * taken in name order, holding {@code lesson.<lang>.md} for every supported language.
 *
 * <p>Where the folder is: the system property {@code genlab.lessons.dir}; else {@code lessons/}
 * in the working directory when the app runs from a checkout (so an edit shows without a
 * rebuild); else the copy packaged in the jar.
 */
public final class LessonCatalogue {

    private final List<Lesson> lessons;
    private final String origin;

    private LessonCatalogue(List<Lesson> lessons, String origin) {
        this.lessons = List.copyOf(lessons);
        this.origin = origin;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    /** Where the lessons were read from, for the status bar and About box. */
    public String origin() {
        return origin;
    }

    /** Scheme of a link from one lesson's text to another: {@code [Parameter counting](lesson:parameter-counting)}. */
    public static final String LINK_SCHEME = "lesson:";

    /**
     * The lesson a link names: {@code lesson:NAME} with NAME the lesson's folder name without its
     * number ("parameter-counting" for 02-parameter-counting), so that links stay right when lessons
     * are added or renumbered; a full id works too.
     */
    public Optional<Lesson> findByLink(String url) {
        if (url == null || !url.startsWith(LINK_SCHEME)) {
            return Optional.empty();
        }
        String name = url.substring(LINK_SCHEME.length()).trim();
        return lessons.stream().filter(l -> l.id().equals(name) || l.id().replaceFirst("^\\d+-", "").equals(name))
                .findFirst();
    }

    public Optional<Lesson> find(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Every problem in every lesson. */
    public List<LessonProblem> problems() {
        return lessons.stream().flatMap(l -> l.problems().stream()).toList();
    }

    /** Locates the lessons folder as described above and reads it. */
    public static LessonCatalogue load(LessonParser parser) throws IOException {
        String prop = System.getProperty("genlab.lessons.dir");
        if (prop != null && !prop.isBlank()) {
            return load(Paths.get(prop), parser);
        }
        Path local = Paths.get("lessons");
        if (Files.isDirectory(local) && Files.exists(Paths.get("pom.xml"))) {
            return load(local.toAbsolutePath(), parser);
        }
        URL url = LessonCatalogue.class.getResource("/lessons");
        if (url == null) {
            throw new IOException("no lessons found: neither a lessons/ folder nor lessons packaged in the jar");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return load(fs.getPath("/lessons"), parser);
            }
            return load(Paths.get(uri), parser);
        } catch (URISyntaxException e) {
            throw new IOException("cannot read packaged lessons: " + e.getMessage(), e);
        }
    }

    /** Reads every lesson folder under root; problems are collected, never thrown. */
    public static LessonCatalogue load(Path root, LessonParser parser) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("lessons folder not found: " + root);
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(folders::add);
        }
        folders.sort((a, b) -> name(a).compareTo(name(b)));
        List<Lesson> lessons = new ArrayList<>();
        for (Path folder : folders) {
            lessons.add(readLesson(folder, parser));
        }
        return new LessonCatalogue(lessons, root.toString());
    }

    static Lesson readLesson(Path folder, LessonParser parser) {
        String id = name(folder);
        Map<String, LessonText> texts = new LinkedHashMap<>();
        List<LessonProblem> problems = new ArrayList<>();
        for (var locale : I18n.SUPPORTED) {
            String lang = locale.getLanguage();
            String file = id + "/lesson." + lang + ".md";
            Path p = folder.resolve("lesson." + lang + ".md");
            if (!Files.exists(p)) {
                boolean base = lang.equals(Lesson.BASE_LANG);
                problems.add(new LessonProblem(file, 0, "missing language: lesson." + lang + ".md not found"
                        + (base ? "" : "; the English text is shown instead"), base));
                continue;
            }
            String source;
            try {
                source = Files.readString(p, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                problems.add(new LessonProblem(file, 0, "not UTF-8 text", lang.equals(Lesson.BASE_LANG)));
                continue;
            } catch (IOException e) {
                problems.add(new LessonProblem(file, 0, "cannot read: " + e.getMessage(), lang.equals(Lesson.BASE_LANG)));
                continue;
            }
            LessonParser.Result r = parser.parse(source, file, lang);
            boolean fatal = r.problems().stream().anyMatch(LessonProblem::fatal);
            if (!lang.equals(Lesson.BASE_LANG)) {
                // a broken translation must not hide the lesson: demote to non-fatal, fall back to English
                for (LessonProblem pr : r.problems()) {
                    problems.add(pr.fatal() ? new LessonProblem(pr.file(), pr.line(),
                            pr.message() + "; the English text is shown instead", false) : pr);
                }
            } else {
                problems.addAll(r.problems());
            }
            if (r.text().isPresent() && !fatal) {
                texts.put(lang, r.text().get());
            }
        }
        crossCheck(id, texts, problems);
        return new Lesson(id, texts, problems);
    }

    /**
     * Translations must line up with the English file step for step, name the same scene, and
     * either repeat its presets or leave them out (then the English preset is used).
     */
    private static void crossCheck(String id, Map<String, LessonText> texts, List<LessonProblem> problems) {
        LessonText en = texts.get(Lesson.BASE_LANG);
        if (en == null) {
            return;
        }
        for (String lang : new ArrayList<>(texts.keySet())) {
            if (lang.equals(Lesson.BASE_LANG)) {
                continue;
            }
            LessonText t = texts.get(lang);
            if (!t.sceneId().equals(en.sceneId())) {
                problems.add(new LessonProblem(t.file(), 0, "names scene '" + t.sceneId() + "' but lesson.en.md names '"
                        + en.sceneId() + "'; the English text is shown instead", false));
                texts.remove(lang);
                continue;
            }
            if (t.steps().size() != en.steps().size()) {
                problems.add(new LessonProblem(t.file(), 0, "has " + t.steps().size() + " steps but lesson.en.md has "
                        + en.steps().size() + "; the English text is shown instead", false));
                texts.remove(lang);
                continue;
            }
            List<Step> merged = new ArrayList<>();
            for (int s = 0; s < en.steps().size(); s++) {
                Step st = t.steps().get(s);
                Map<String, String> enPreset = en.steps().get(s).preset();
                if (st.preset().isEmpty()) {
                    st = new Step(st.heading(), st.body(), enPreset, st.line());
                } else if (!st.preset().equals(enPreset)) {
                    problems.add(new LessonProblem(t.file(), st.line(), "step " + (s + 1)
                            + " preset differs from lesson.en.md; leave it out to use the English one", false));
                }
                merged.add(st);
            }
            texts.put(lang, new LessonText(t.lang(), t.title(), t.sceneId(), merged, t.file()));
        }
    }

    private static String name(Path p) {
        Path f = p.getFileName();
        String s = f == null ? p.toString() : f.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** An empty catalogue, for when the lessons folder itself cannot be read. */
    public static LessonCatalogue empty(String origin) {
        return new LessonCatalogue(Collections.emptyList(), origin);
    }
}
