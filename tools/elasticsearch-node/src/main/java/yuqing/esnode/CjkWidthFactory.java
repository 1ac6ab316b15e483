package yuqing.esnode;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code cjk_width}: full-width ASCII to half-width, half-width katakana to full-width. */
@NamedComponent("cjk_width")
public final class CjkWidthFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(final TokenStream input) {
        return new CJKWidthFilter(input);
    }

    @Override
    public TokenStream normalize(final TokenStream input) {
        return create(input);
    }
}
