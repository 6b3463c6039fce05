package org.egolens.model.train;

import org.egolens.model.loss.ContrastiveLoss;
import org.egolens.model.loss.InfoNceLoss;
import org.egolens.model.loss.MaxMarginLoss;
import org.egolens.model.loss.SmsLoss;

/** The loss named by a training config (the one place config names map to loss classes). */
public final class Losses {
    private Losses() {}

    /**
     * {@code sms} (Eq. 16), {@code sms-eq15} (Eq. 15, λ → 0), {@code mimm} (Eq. 4), {@code adaptive-mimm} (Eq. 6) or
     * {@code infonce} (fixed temperature; the learnable-scale form is handled by the trainer).
     *
     * @throws IllegalArgumentException for an unknown name (lists the known ones)
     */
    public static ContrastiveLoss create(TrainRunConfig.Loss cfg) {
        float gamma = (float) cfg.gamma();
        return switch (cfg.name()) {
            case "sms" -> new SmsLoss(gamma, (float) cfg.lambdaThreshold(), (float) cfg.tau());
            case "sms-eq15" -> SmsLoss.eq15(gamma, (float) cfg.tau());
            case "mimm" -> MaxMarginLoss.miMm(gamma);
            case "adaptive-mimm" -> MaxMarginLoss.adaptive(gamma);
            case "infonce" -> new InfoNceLoss((float) cfg.temperature());
            default -> throw new IllegalArgumentException("unknown loss '" + cfg.name() + "' (known: "
                    + TrainRunConfig.LOSSES + ")");
        };
    }
}
