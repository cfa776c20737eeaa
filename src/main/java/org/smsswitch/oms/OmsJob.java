package org.smsswitch.oms;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's handle on {@link OmsForwarder#forwardDue}: reports due to OMSs are POSTed. */
@DisallowConcurrentExecution
public final class OmsJob implements Job {
    private final OmsForwarder forwarder;

    public OmsJob(OmsForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public void execute(JobExecutionContext context) {
        forwarder.forwardDue();
    }
}
