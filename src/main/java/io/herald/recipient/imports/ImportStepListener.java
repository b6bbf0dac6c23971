package io.herald.recipient.imports;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Passes a failed step's exception to ImportJobListener, which records it as the import's reason. */
@Named
@Dependent
public class ImportStepListener extends AbstractStepListener {

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Override
    public void afterStep() {
        Exception e = stepContext.getException();
        if (e != null) {
            jobContext.setTransientUserData("step " + stepContext.getStepName() + " failed: " + e.getMessage());
        }
    }
}
