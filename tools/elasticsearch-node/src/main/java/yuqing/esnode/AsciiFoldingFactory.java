package yuqing.esnode;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code asciifolding} with its default: the folded token replaces the original. */
@NamedComponent("asciifolding")
public final class AsciiFoldingFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(final TokenStream input) {
        return new ASCIIFoldingFilter(input, false);
    }

    @Override
    public TokenStream normalize(final TokenStream input) {
        return create(input);
    }
}
