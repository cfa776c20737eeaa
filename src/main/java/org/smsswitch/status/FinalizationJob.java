package org.smsswitch.status;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's handle on {@link Finalizer}: makes due statuses final and sweeps unmatched receipts. */
@DisallowConcurrentExecution
public final class FinalizationJob implements Job {
    private final Finalizer finalizer;

    public FinalizationJob(Finalizer finalizer) {
        this.finalizer = finalizer;
    }

    @Override
    public void execute(JobExecutionContext context) {
        finalizer.run();
    }
}
