package io.face3d.clinic;

/**
 * Measures of one side of a face in the face's own frame (model space, mm, pose removed), adapted from
 * Emotrics (Guarin et al. 2018) and Auto-eFACE (Miller et al. 2020), which measure the same quantities in the
 * image plane with an assumed iris diameter. All distances are 3D Euclidean unless said otherwise.
 *
 * @param browHeightMm         mean brow point (iBUG 17-21 right, 22-26 left) to eye centre (mean of 36-41 / 42-47)
 * @param palpebralFissureMm   eyelid opening: mean of the two upper-to-lower lid gaps in the face's vertical (y,
 *                             never below 0; 37-41 and 38-40 right, 43-47 and 44-46 left)
 * @param commissureExcursionMm lower-lip midline (57) to the mouth corner (48 right, 54 left)
 * @param smileAngleDeg        elevation of the mouth corner above the horizontal through the lower-lip midline (57),
 *                             atan2(dy, |dx|) in the face's x-y plane
 * @param commissureHeightMm   height (y) of the mouth corner relative to the lower-lip midline
 * @param interlabialGapMm     lip show: inner upper lip to inner lower lip on this side (61-67 right, 63-65 left)
 * @param commissure           position of the mouth corner (x, y, z) in mm
 * @param upperLipHeightMm     height (y) of the upper lip's side point (50 right, 52 left) above the nose's
 *                             base (33): what a snarl lifts, measured against a point the lip muscles do not move
 * @param lowerLipDropMm       depth (-y) of the lower lip's side point (58 right, 56 left) below the nose's base:
 *                             what the lower-lip depressor pulls down on "eee"
 * @param chin                 position of the chin's side point (7 right, 9 left), for mentalis co-movement
 * @param nasolabialFoldDepthMm depth of the nasolabial fold from the face surface ({@link NasolabialFold}); NaN
 *                             when only landmarks are known
 */
public record SideMeasures(double browHeightMm, double palpebralFissureMm, double commissureExcursionMm,
                           double smileAngleDeg, double commissureHeightMm, double interlabialGapMm,
                           double[] commissure, double upperLipHeightMm, double lowerLipDropMm, double[] chin,
                           double nasolabialFoldDepthMm) {
}
