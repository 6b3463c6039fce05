package org.egolens.model.data.demo;

/**
 * The look of one participant's kitchen: table surface, wall, skin and sleeve colours, and the dominant hand. Colours are
 * packed {@code 0xRRGGBB}.
 *
 * @param participant   participant number (1-based, as in {@code P01})
 * @param surface       table surface pattern
 * @param tableColor    main table colour
 * @param tableAccent   second table colour (grain, checks or speckles)
 * @param wallColor     colour beyond the far table edge
 * @param skinColor     hand colour
 * @param sleeveColor   sleeve colour
 * @param dominant      the hand that performs most actions
 * @param textureSeed   seed of the table texture noise
 */
public record KitchenStyle(int participant, Surface surface, int tableColor, int tableAccent, int wallColor,
        int skinColor, int sleeveColor, HandSpec.Side dominant, long textureSeed) {
    /** Table surface patterns. */
    public enum Surface {
        /** Wood grain. */
        WOOD,
        /** Checked table cloth. */
        CLOTH,
        /** Speckled stone or laminate. */
        STONE
    }

    /** The participant id as written in the CSVs, e.g. {@code "P03"}. */
    public String participantId() {
        return String.format(java.util.Locale.ROOT, "P%02d", participant);
    }
}
