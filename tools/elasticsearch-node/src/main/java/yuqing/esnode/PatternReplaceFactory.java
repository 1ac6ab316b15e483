package yuqing.esnode;

import java.io.Reader;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code pattern_replace}: every match of {@code pattern} becomes {@code replacement}. */
@NamedComponent("pattern_replace")
public final class PatternReplaceFactory implements CharFilterFactory {

    /** The char filter's settings in an index's analysis section. */
    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "pattern", defaultValue = "")
        String pattern();

        @StringSetting(path = "replacement", defaultValue = "")
        String replacement();
    }

    private final Pattern pattern;
    private final String replacement;

    /**
     * Elasticsearch also builds one instance per index with empty settings (stable-API
     * components cannot say that they need settings): an empty pattern fails only when used.
     */
    @Inject
    public PatternReplaceFactory(final Settings settings) {
        this.pattern = settings.pattern().isEmpty() ? null : Pattern.compile(settings.pattern());
        this.replacement = settings.replacement();
    }

    @Override
    public Reader create(final Reader reader) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is missing for [pattern_replace] char filter");
        }
        return new PatternReplaceCharFilter(pattern, replacement, reader);
    }

    @Override
    public Reader normalize(final Reader reader) {
        return create(reader);
    }
}
