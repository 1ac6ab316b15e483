/**
 * Stand-ins, on a test node only, for the four analysis-common components yuqing's index
 * template uses; Elastic's integ-test-zip distribution ships without that module.
 *
 * <p>Each factory builds the same Lucene filter, with the same defaults, as its namesake in
 * Elasticsearch's analysis-common module, so analysis on the test node matches a full
 * distribution. The names are registered through the stable plugin API
 * (src/main/plugin/named_components.json).
 */
package yuqing.esnode;
