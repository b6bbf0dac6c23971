package io.herald.delivery;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Passes a failed step's exception to SendCampaignJobListener, which records it as the campaign's reason. */
@Named
@Dependent
public class SendStepListener extends AbstractStepListener {

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Override
    public void afterStep() {
        Exception e = stepContext.getException();
        if (e != null) {
            jobContext.setTransientUserData(StepFailure.of(stepContext.getStepName(), e));
        }
    }
}
