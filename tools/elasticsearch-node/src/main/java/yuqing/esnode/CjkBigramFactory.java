package yuqing.esnode;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code cjk_bigram} with its defaults: every CJK script, no unigrams next to the bigrams. */
@NamedComponent("cjk_bigram")
public final class CjkBigramFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(final TokenStream input) {
        return new CJKBigramFilter(input);
    }
}
