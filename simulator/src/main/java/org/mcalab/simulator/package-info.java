package org.mcalab.simulator;
